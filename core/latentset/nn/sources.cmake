# Sources of the core's "nn" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/Activation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Loss.cpp
  ${CMAKE_CURRENT_LIST_DIR}/OptimizerSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Optimizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AutoencoderConfig.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Autoencoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AutoencoderSet.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MachinePeak.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GemmBenchmark.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Trainer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClassSetTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ClassSetState.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SetClassifier.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ModelFile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MlpTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ConfusionMatrix.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Mlp.cpp
)
