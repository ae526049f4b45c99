# Sources of the core's "concept" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/Correlation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LocalMaxima.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MidpointHyperplane.cpp
)
