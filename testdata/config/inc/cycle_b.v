Include "../err/include_cycle.v".
