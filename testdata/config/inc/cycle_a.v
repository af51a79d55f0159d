Include "cycle_b.v".
