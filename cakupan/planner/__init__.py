"""The planner: the projection engine, scopes and targets, accuracy of past projections, what-if scenarios,
their words, fan charts and the planner pages' widgets."""
