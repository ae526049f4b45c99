# Sources of the core's "cube" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/CubeGeometry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/FaceWarp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeRenderer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeContexts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeDataset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SharedLatentTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SharedLatentState.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ContextTransfer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CubeModel.cpp
)
