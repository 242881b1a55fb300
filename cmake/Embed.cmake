# Builds files (templates, assets, migrations, demo content) into the binary: each bundle becomes
# a generated .cpp that defines `std::span<const EmbeddedFile> NAME()`, regenerated when a file
# changes.
set(KPRESS_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)

function(kpress_embed_bundle out_var name base_dir)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS LIST_DIRECTORIES false "${base_dir}/*")
  list(SORT files)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp")
  # The list of files, rewritten only when it changes: a file removed, or added with an older
  # time than the bundle's (moved in, checked out), changes no file the bundle depends on, and the
  # bundle would keep its old files. CONFIGURE_DEPENDS runs CMake again, which rewrites this list.
  list(JOIN files "\n" listing)
  set(listing_file "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.files")
  file(CONFIGURE OUTPUT "${listing_file}" CONTENT "${listing}\n" @ONLY)
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DBASE=${base_dir} -DOUT=${out}
            -P ${KPRESS_EMBED_SCRIPT}
    DEPENDS ${files} "${listing_file}" ${KPRESS_EMBED_SCRIPT}
    COMMENT "Embedding ${name}"
    VERBATIM)
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
