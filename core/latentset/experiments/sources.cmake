# Sources of the core's "experiments" area (headers sit beside them): one
# class per experiment, each with a settings value type, a result value type,
# an ExperimentObserver and a StopToken (docs/architecture.md).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ClassSetExperimentSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeWorldSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/RunComparison.cpp
  ${CMAKE_CURRENT_LIST_DIR}/UnitsSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/UnitsExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/UnitsTable.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldBuilder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldSource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldTrainSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldTrainExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldEstimateSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldEstimateExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldOneShotSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldOneShotExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldConceptSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldConceptExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LevelTwoSettingsJson.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LevelTwoProgress.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LatentMapSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LatentMapExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClassSetExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MnistData.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeWorldExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GlyphTransfer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LikelihoodExperimentSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/LikelihoodExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CoreGlyphs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OneShotSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OneShotExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MapsSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MapsExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ConceptSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ConceptExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ImagineSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ImagineExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FixedStepsTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ReplayMlpTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemberHash.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemberTraining.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemberAloneSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemberAloneTraining.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SetPosterior.cpp
  ${CMAKE_CURRENT_LIST_DIR}/IncrementalSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/IncrementalExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CalibrationMetrics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ImageBlend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CalibrationSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CalibrationExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/StratifiedSubset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FewShotSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FewShotExperiment.cpp
)
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/AttackSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AttackExperiment.cpp
)
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/OodSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OodExperiment.cpp
)
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ImageAttackSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ImageAttackExperiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MlpBaselineTraining.cpp
)
