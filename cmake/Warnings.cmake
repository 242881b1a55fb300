# Warning flags and sanitizers live here, once, and apply to kpress's own targets only.
function(kpress_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror -Wshadow
                         -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused
                         -Woverloaded-virtual -Wimplicit-fallthrough
                         # g++ 12 reports these inside libstdc++'s std::string when inlining at
                         # -O2/-O3 where no overflow can happen (GCC bugs 105329, 105651, 107138).
                         -Wno-stringop-overflow -Wno-stringop-overread -Wno-restrict -Wno-array-bounds -Wno-maybe-uninitialized
                         # Aggregates are written with designated initializers, which leave the
                         # fields not named at their defaults on purpose; g++ 12 still warns.
                         -Wno-missing-field-initializers)
  if(KPRESS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                           -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
