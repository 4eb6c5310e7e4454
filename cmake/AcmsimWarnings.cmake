# A private, non-exported target that carries the project's warning flags.
add_library(acmsim_warnings INTERFACE)
target_compile_options(acmsim_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
if(ACMSIM_WARNINGS_AS_ERRORS)
  target_compile_options(acmsim_warnings INTERFACE -Werror)
endif()
