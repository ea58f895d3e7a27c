"""Apache Spark adapter: the pipeline's plain batch functions run as a Spark job.

:mod:`sitroom.spark.work` holds the per-batch functions (pyarrow in, pyarrow out, no Spark);
:mod:`sitroom.spark.job` wires them into a Spark job. Only the latter imports pyspark, an
optional extra (``pip install 'sitroom[spark]'``).
"""
