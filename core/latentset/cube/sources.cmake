# Sources of the core's "cube" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
)
