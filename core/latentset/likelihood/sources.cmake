# Sources of the core's "likelihood" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/GaussianMixture.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LogDeterminant.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Auroc.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DecoderJacobian.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SparseMemberEvaluator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Calibration.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LikelihoodModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PathCalibration.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LikelihoodEstimator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AnomalyThreshold.cpp
)
