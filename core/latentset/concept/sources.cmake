# Sources of the core's "concept" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/Correlation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LocalMaxima.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MidpointHyperplane.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeWorldView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ContextLikelihoodMap.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MapSweep.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OneShotTest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ConceptModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeImaginer.cpp
)
