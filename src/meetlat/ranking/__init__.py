"""Rankings of the measurement: component ranks, rank-sum composites, peer groups, comparisons."""
