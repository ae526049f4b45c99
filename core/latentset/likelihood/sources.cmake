# Sources of the core's "likelihood" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
)
