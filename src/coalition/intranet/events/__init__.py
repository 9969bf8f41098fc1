"""Cultural events: planned in working groups (``EventPlan``), published as public ``Event``s by an act."""
