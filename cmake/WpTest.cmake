# wp_add_test(<name> SOURCES <files...> LABELS <labels...> [LIBS <targets...>] [TIMEOUT <s>])
#
# One QtTest executable per tst_*.cpp, registered with CTest and labelled
# (unit, db, node, cluster, e2e, gui). Every test knows where its vector files
# live through WP_TEST_DATA_DIR and where the service launchers live through
# WP_TEST_SUPPORT_DIR.
function(wp_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LABELS;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    WP_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    WP_TEST_SUPPORT_DIR="${PROJECT_SOURCE_DIR}/tests/support")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
endfunction()
