# Sources of the core's "world" area (headers sit beside them): context
# worlds of any family (docs/worlds.md).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ContextWorld.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LinearWarp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WarpFamily.cpp
  ${CMAKE_CURRENT_LIST_DIR}/RotationFamily.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ScalePositionFamily.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GlyphWorld.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PairedImages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PairedWorld.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SharedLatentSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldTransfer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldLikelihood.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ParameterEstimator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldOneShot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldSpec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldSampler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldConcept.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldImaginer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldIdentification.cpp
)
