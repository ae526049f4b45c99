# The Debian package (docs/packaging.md): install rules of what the package holds beyond the two
# executables and the documents (app/CMakeLists.txt), the man pages made from --help at build
# time, and CPack. `cmake --build --preset release --target package` writes
# latentset_<version>_<arch>.deb in the build folder; tools/package.sh builds, checks
# (lintian, desktop-file-validate, appstreamcli), installs and removes it.
include(GNUInstallDirs)

set(LATENTSET_PACKAGE_MAINTAINER "The LatentSet developers <maintainers@latentset.org>" CACHE STRING
  "Maintainer field of the Debian package (Name <address>)")
set(LATENTSET_APP_ID org.latentset.latentset) # AppStream id = the .desktop file's name

install(FILES ${PROJECT_SOURCE_DIR}/resources/${LATENTSET_APP_ID}.metainfo.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# Debian's copyright file and (a native package's) changelog, gzipped without a time stamp.
set(_debian ${CMAKE_BINARY_DIR}/debian)
configure_file(${PROJECT_SOURCE_DIR}/resources/debian/changelog.in ${_debian}/changelog @ONLY)
find_program(LATENTSET_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${_debian}/changelog.gz
  COMMAND ${LATENTSET_GZIP} -9nkf ${_debian}/changelog
  DEPENDS ${_debian}/changelog VERBATIM)
install(FILES ${PROJECT_SOURCE_DIR}/resources/debian/copyright ${_debian}/changelog.gz
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/latentset)
set(_package_files ${_debian}/changelog.gz)

# Man pages from the programs' own --help (help2man), with the sections of resources/*.h2m.
find_program(LATENTSET_HELP2MAN help2man)
set(_name_latentset "desktop app for sets of autoencoders with a shared latent space")
set(_name_latentset-cli "run LatentSet's experiments from the command line")
if(LATENTSET_HELP2MAN)
  foreach(program latentset latentset-cli)
    set(_page ${CMAKE_BINARY_DIR}/man/${program}.1)
    add_custom_command(OUTPUT ${_page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
      # Run through PATH, so the usage line names the program, not the build folder.
      COMMAND ${CMAKE_COMMAND} -E env "PATH=$<TARGET_FILE_DIR:${program}>:/usr/bin:/bin" QT_QPA_PLATFORM=offscreen
              ${LATENTSET_HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
              "--name=${_name_${program}}" --section=1 --source=LatentSet --manual=LatentSet
              --include=${PROJECT_SOURCE_DIR}/resources/${program}.h2m --output=${_page} ${program}
      COMMAND ${LATENTSET_GZIP} -9nf ${_page}
      DEPENDS ${program} ${PROJECT_SOURCE_DIR}/resources/${program}.h2m
      COMMENT "Man page of ${program} from its --help" VERBATIM)
    list(APPEND _package_files ${_page}.gz)
    install(FILES ${_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
else()
  message(WARNING "help2man not found (tools/setup.sh installs it): the package gets no man pages")
endif()
add_custom_target(latentset_package_files ALL DEPENDS ${_package_files})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME latentset)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The LatentSet developers")
set(CPACK_PACKAGE_CONTACT "${LATENTSET_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # latentset_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${LATENTSET_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://latentset.org/)
# Library dependencies are dpkg-shlibdeps' (Qt 6, QCustomPlot, minizip, zlib, libc, ...). It cannot
# see what Qt loads at run time: the platform plugins (xcb, offscreen), which Debian ships apart.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "explore sets of autoencoders with a shared latent space")
# CPack puts the summary first (the synopsis line), then this text (the extended description).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "LatentSet trains and explores sets of autoencoders with a shared latent
space: one autoencoder per context (a class, an orientation of a cube face),
each scoring how well it explains an input through a first-order estimate of
its likelihood, with latent codes that every member can decode.
.
It holds a desktop app (latentset) and a command-line tool (latentset-cli)
that re-run the paper's experiments: MNIST classification by the best
reconstruction, context transfer, likelihood maps of a rotating cube,
one-shot recognition, a level-2 concept, and models exported to and
imported from NumPy and PyTorch.")
include(CPack)
