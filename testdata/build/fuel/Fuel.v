(* Any loop bound is sound: with fuel 3, `clear_upto n` is defined up to n = 3 and undefined (None)
   beyond, never wrong. Compiled against the generated project by scripts/build-tests.sh. *)
From Coq Require Import ZArith List.
From AutoV Require Import All Build.
From Fuel.Bottom Require Import Defs.
From Fuel.Sum.clear_upto Require Import LowSpec.
Local Open Scope Z_scope.

(* Within the bound the spec is defined. *)
Lemma within_bound : clear_upto_spec_low 3 init_RData <> None.
Proof. unfold clear_upto_spec_low. rewrite clear_upto_fuel.fuel1_eq. vm_compute. discriminate. Qed.

(* Four iterations with fuel 3: undefined. *)
Lemma beyond_bound : clear_upto_spec_low 4 init_RData = None.
Proof. unfold clear_upto_spec_low. rewrite clear_upto_fuel.fuel1_eq. vm_compute. reflexivity. Qed.
