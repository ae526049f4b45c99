# Sources of the core's "concept" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
)
