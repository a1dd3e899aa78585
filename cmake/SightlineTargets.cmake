# Shared compile settings: warnings (as errors in CI), the Boost/C++23 <utility> quirk, and
# sanitizers chosen by the preset through SIGHTLINE_SANITIZE.
set(SIGHTLINE_SANITIZE "" CACHE STRING "Sanitizers: empty, 'address;undefined' or 'thread'")

function(sightline_compile_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(SIGHTLINE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Boost 1.74 Asio needs <utility> before it under -std=c++23.
  target_compile_options(${target} PRIVATE -include utility)
  # GCC 12 at -O3 reports impossible overlaps in std::string's operator+ (GCC bug 105329,
  # fixed in GCC 13): a false positive that would fail every release build.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  # GCC 12 warns that TSan does not model Asio's atomic_thread_fence; the fences only order
  # what the mutexes and atomics TSan does see already order.
  if("thread" IN_LIST SIGHTLINE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-tsan)
  endif()
endfunction()

if(SIGHTLINE_SANITIZE)
  list(JOIN SIGHTLINE_SANITIZE "," _san)
  add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_san})
endif()

# One static library per folder, sources globbed so that adding a file needs no CMake edit.
# internal/ holds helpers that are not part of the folder's API.
function(sightline_library name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc
       ${CMAKE_CURRENT_SOURCE_DIR}/internal/*.cc)
  if(NOT _sources)
    # A folder whose code is still headers only.
    add_library(sightline_${name} INTERFACE)
    add_library(sightline::${name} ALIAS sightline_${name})
    target_include_directories(sightline_${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(sightline_${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(sightline_${name} STATIC ${_sources})
  add_library(sightline::${name} ALIAS sightline_${name})
  target_include_directories(sightline_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(sightline_${name} PUBLIC ${ARG_DEPS})
  sightline_compile_options(sightline_${name})
endfunction()
