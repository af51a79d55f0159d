Definition PROJ_NAME := "Lib".
Definition PROJ_BASE := "out".
(* coq-lib modules a configuration may import: a known one, an unknown module, an unknown library *)
From AutoV.PT Require Import PTDesc.
From AutoV.PT Require Import PTNope. (* expect: E-CFG052 *)
From AutoV.Foo Require Import PTDesc. (* expect: E-CFG052 *)
Definition uses (d : Z) : Z := oa d.
Definition oa (d : Z) : Z := d. (* expect: E-CFG012 *)
Section L. Definition LAYER_DATA := Z. Definition LAYER_PRIMS := nil. End L. (* expect: E-CFG038 *)
