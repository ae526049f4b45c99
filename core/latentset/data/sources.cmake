# Sources of the core's "data" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
)
