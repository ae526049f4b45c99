# Sources of the core's "robust" area: classifiers as an attack sees them
# (decision scores and exact input gradients), the attacks, and the
# perturbation geometry they share (docs/robustness.md).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/InputBackprop.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DecisionModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemberColumns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MlpDecision.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SetErrorDecision.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LatentDensityGradient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/VolumeGradient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SetLikelihoodDecision.cpp
)
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/PerturbationBall.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AttackOutcome.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AttackBatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AttackResults.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Fgsm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PgdAttack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DdnAttack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/BoundaryAttack.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WatchedDecision.cpp
)
