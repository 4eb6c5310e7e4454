# A private, non-exported target that carries the project's warning flags.
add_library(acmsim_warnings INTERFACE)
target_compile_options(acmsim_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(ACMSIM_WARNINGS_AS_ERRORS)
  target_compile_options(acmsim_warnings INTERFACE -Werror)
endif()
# GCC 12 reports -Wrestrict inside libstdc++'s std::string operator+ at -O2
# (GCC bug 105329), a false positive in the standard library, not in our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12 AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(acmsim_warnings INTERFACE -Wno-restrict)
endif()
