# Sources of the core's "interop" area: models to and from NumPy (docs/interop.md).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/NpyHeader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NpyArray.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NpzArchive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LikelihoodNpz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ModelNpz.cpp
)
