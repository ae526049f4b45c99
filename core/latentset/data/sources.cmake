# Sources of the core's "data" area (headers sit beside them).
list(APPEND LATENTSET_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/Dataset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DatasetSplits.cpp
  ${CMAKE_CURRENT_LIST_DIR}/IdxReader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/CsvReader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DatasetCatalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GlyphNormalizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/GlyphDeskew.cpp
  ${CMAKE_CURRENT_LIST_DIR}/BuiltinGlyphs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/EpochOrder.cpp
)
