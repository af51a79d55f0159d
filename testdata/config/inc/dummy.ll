; placeholder IR for config tests (the front end only checks that LAYER_CODE exists)
