# Sources of the core's "analysis" area: projections of latent codes to 2-D
# (PCA, t-SNE) and the shared-latent spread ratio (docs/latent-map.md).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/MemberUnits.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Pca.cpp
  ${CMAKE_CURRENT_LIST_DIR}/QuadTree.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SpreadRatio.cpp
  ${CMAKE_CURRENT_LIST_DIR}/Tsne.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TsneSettings.cpp
)
