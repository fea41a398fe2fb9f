"""The executive overview: the home page's headline and association grid, the data-age banner, readable comparisons."""
