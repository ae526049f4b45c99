# Sources of the core's "util" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/Random.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ProcessStats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ThreadPool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/BinaryWriter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/BinaryReader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/WholeFile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ChunkFile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CpuSupport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/MemoryBudget.cpp
  ${CMAKE_CURRENT_LIST_DIR}/JsonValue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/JsonReader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/JsonWriter.cpp
)
