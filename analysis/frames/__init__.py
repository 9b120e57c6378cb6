"""The processed layer: building every frame (in process or on Dask) and loading it back."""
