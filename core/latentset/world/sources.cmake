# Sources of the core's "world" area (headers sit beside them): context
# worlds of any family (docs/worlds.md).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/ContextWorld.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SharedLatentSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldTask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WorldTransfer.cpp
)
