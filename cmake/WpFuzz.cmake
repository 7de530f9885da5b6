# WP_FUZZ=ON: instrument the whole build for libFuzzer (tests/fuzz, docs/fuzzing.md).
#
# Every library is compiled with AddressSanitizer, UndefinedBehaviorSanitizer and
# libFuzzer's coverage instrumentation (-fsanitize=fuzzer-no-link); the fuzz targets
# themselves add -fsanitize=fuzzer (libFuzzer's main) in tests/CMakeLists.txt.
# Use a separate build directory:
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DWP_FUZZ=ON
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "WP_FUZZ=ON needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
endif()
add_compile_options(-fsanitize=address,undefined -fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer -Wno-unknown-warning-option)
add_link_options(-fsanitize=address,undefined)
