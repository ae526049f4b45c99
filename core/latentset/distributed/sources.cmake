# Sources of the core's "distributed" area: world training with the members
# sharded over ranks that meet through a Communicator (docs/scale.md). No
# MPI here: the MPI communicator is latentset_mpi (core/latentset/mpi,
# built only with LATENTSET_MPI).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/InProcessNetwork.cpp
  ${CMAKE_CURRENT_LIST_DIR}/InProcessCommunicator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShardLayout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShardedWorldTask.cpp
)
list(APPEND LATENTSET_CORE_SOURCES ${CMAKE_CURRENT_LIST_DIR}/ShardedWorldTraining.cpp)
