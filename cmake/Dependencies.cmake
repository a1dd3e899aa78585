# Every dependency is a Debian package installed by scripts/install-deps.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(ZLIB REQUIRED)
find_package(OpenSSL REQUIRED)

pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)

# libphonenumber ships no pkg-config file on Debian 12.
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
add_library(sightline_phonenumber INTERFACE)
target_link_libraries(sightline_phonenumber INTERFACE ${PHONENUMBER_LIBRARY} PkgConfig::ICU)
target_include_directories(sightline_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})

# MyHTML, the HTML5 parser, comes in Debian's libmodest and ships no pkg-config file either.
find_library(MODEST_LIBRARY modest REQUIRED)
find_path(MYHTML_INCLUDE_DIR myhtml/api.h REQUIRED)
add_library(sightline_myhtml INTERFACE)
target_link_libraries(sightline_myhtml INTERFACE ${MODEST_LIBRARY} Threads::Threads)
target_include_directories(sightline_myhtml SYSTEM INTERFACE ${MYHTML_INCLUDE_DIR})

# jemalloc: the sightline binary's allocator (glibc's malloc was ~10 % of an audit's CPU; see
# docs/performance.md, "Sixth session"). Found here, linked in app/ unless a sanitizer
# brings its own allocator.
find_library(JEMALLOC_LIBRARY jemalloc REQUIRED)

if(SIGHTLINE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SIGHTLINE_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
