-- The national pages read a few dimensions of a few figures for a year across every service
-- (each service month's total referrals, its Victims' Code duties not recorded, who asked, how
-- far referrals got). The store's index on (figure, month) reads every dimension of a figure,
-- each row checked by row-level security; this one reads just the rows asked for.
create index if not exists aggregate_figures_dimension
  on aggregate_figures (figure, dimension, value, month);
