# Sources of the core's "nn" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
)
