# FindImGui.cmake — Dear ImGui with its SDL2 and OpenGL 3 backends, from vcpkg or the system.
#
# Defines, when found:
#   ImGui_FOUND
#   ImGui::ImGui     the core library (headers are SYSTEM, so its code raises no warnings of ours)
#   ImGui::Backends  the SDL2 + OpenGL 3 platform/renderer backends (needs SDL2::SDL2, OpenGL::GL)
#   ImGui_SDL_BACKEND_HEADER  "imgui_impl_sdl2.h" (ImGui >= 1.87) or "imgui_impl_sdl.h"
#   ImGui_VERSION
#
# Two sources are supported:
#   - vcpkg's `imgui` port with features sdl2-binding and opengl3-binding (a CMake config package
#     whose library already contains the backends);
#   - Debian/Ubuntu libimgui-dev: headers in /usr/include/imgui, libimgui.a, pkg-config imgui.pc,
#     and the backends shipped as sources under /usr/share/doc/libimgui-dev/examples/backends,
#     which are compiled here (warnings off: they are not our code).
# Callers must have found SDL2 and OpenGL first.
include(FindPackageHandleStandardArgs)

if(TARGET ImGui::ImGui)
  set(ImGui_FOUND TRUE)
  return()
endif()

find_package(imgui CONFIG QUIET)
if(imgui_FOUND AND TARGET imgui::imgui)
  add_library(ImGui::ImGui INTERFACE IMPORTED)
  target_link_libraries(ImGui::ImGui INTERFACE imgui::imgui)
  add_library(ImGui::Backends INTERFACE IMPORTED)
  get_target_property(_ks_imgui_inc imgui::imgui INTERFACE_INCLUDE_DIRECTORIES)
  if(EXISTS "${_ks_imgui_inc}/imgui_impl_sdl2.h")
    set(ImGui_SDL_BACKEND_HEADER "imgui_impl_sdl2.h")
  else()
    set(ImGui_SDL_BACKEND_HEADER "imgui_impl_sdl.h")
  endif()
  set(ImGui_VERSION "${imgui_VERSION}")
  set(ImGui_FOUND TRUE)
  return()
endif()

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_ImGui QUIET imgui)
endif()
find_path(ImGui_INCLUDE_DIR imgui.h HINTS ${PC_ImGui_INCLUDE_DIRS} PATH_SUFFIXES imgui)
find_library(ImGui_LIBRARY NAMES imgui HINTS ${PC_ImGui_LIBRARY_DIRS})
find_path(ImGui_BACKEND_SOURCE_DIR imgui_impl_opengl3.cpp
  HINTS ${ImGui_INCLUDE_DIR}/backends
  PATHS /usr/share/doc/libimgui-dev/examples/backends /usr/local/share/imgui/backends
  NO_DEFAULT_PATH)
find_path(ImGui_BACKEND_INCLUDE_DIR imgui_impl_opengl3.h
  HINTS ${ImGui_INCLUDE_DIR}/backends ${ImGui_BACKEND_SOURCE_DIR} NO_DEFAULT_PATH)
set(ImGui_VERSION "${PC_ImGui_VERSION}")

set(_ks_imgui_sdl_source "")
if(ImGui_BACKEND_SOURCE_DIR)
  if(EXISTS "${ImGui_BACKEND_SOURCE_DIR}/imgui_impl_sdl2.cpp")
    set(_ks_imgui_sdl_source "${ImGui_BACKEND_SOURCE_DIR}/imgui_impl_sdl2.cpp")
    set(ImGui_SDL_BACKEND_HEADER "imgui_impl_sdl2.h")
  elseif(EXISTS "${ImGui_BACKEND_SOURCE_DIR}/imgui_impl_sdl.cpp")
    set(_ks_imgui_sdl_source "${ImGui_BACKEND_SOURCE_DIR}/imgui_impl_sdl.cpp")
    set(ImGui_SDL_BACKEND_HEADER "imgui_impl_sdl.h")
  endif()
endif()
set(ImGui_SDL_BACKEND_SOURCE "${_ks_imgui_sdl_source}" CACHE INTERNAL "")

find_package_handle_standard_args(ImGui
  REQUIRED_VARS ImGui_LIBRARY ImGui_INCLUDE_DIR ImGui_BACKEND_SOURCE_DIR ImGui_BACKEND_INCLUDE_DIR ImGui_SDL_BACKEND_SOURCE
  VERSION_VAR ImGui_VERSION)

if(ImGui_FOUND)
  add_library(ImGui::ImGui UNKNOWN IMPORTED)
  set_target_properties(ImGui::ImGui PROPERTIES
    IMPORTED_LOCATION "${ImGui_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${ImGui_INCLUDE_DIR};${ImGui_BACKEND_INCLUDE_DIR}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${ImGui_INCLUDE_DIR};${ImGui_BACKEND_INCLUDE_DIR}")
  # Debian builds libimgui.a against the system's stb (imgui.pc: "Requires: stb"), so the
  # packed-rectangle and TrueType code comes from libstb; link whatever pkg-config lists.
  foreach(_ks_lib IN LISTS PC_ImGui_STATIC_LIBRARIES)
    if(NOT _ks_lib STREQUAL "imgui")
      find_library(_ks_imgui_dep_${_ks_lib} NAMES ${_ks_lib} HINTS ${PC_ImGui_STATIC_LIBRARY_DIRS})
      if(_ks_imgui_dep_${_ks_lib})
        set_property(TARGET ImGui::ImGui APPEND PROPERTY INTERFACE_LINK_LIBRARIES "${_ks_imgui_dep_${_ks_lib}}")
      endif()
    endif()
  endforeach()
  set(_ks_backend_sources "${ImGui_SDL_BACKEND_SOURCE}" "${ImGui_BACKEND_SOURCE_DIR}/imgui_impl_opengl3.cpp")
  add_library(ks-imgui-backends STATIC ${_ks_backend_sources})
  set_source_files_properties(${_ks_backend_sources} PROPERTIES COMPILE_OPTIONS "-w")
  target_link_libraries(ks-imgui-backends PUBLIC ImGui::ImGui)
  if(TARGET SDL2::SDL2)
    target_link_libraries(ks-imgui-backends PUBLIC SDL2::SDL2)
  endif()
  if(TARGET OpenGL::GL)
    target_link_libraries(ks-imgui-backends PUBLIC OpenGL::GL ${CMAKE_DL_LIBS})
  endif()
  add_library(ImGui::Backends ALIAS ks-imgui-backends)
endif()
mark_as_advanced(ImGui_INCLUDE_DIR ImGui_LIBRARY ImGui_BACKEND_SOURCE_DIR ImGui_BACKEND_INCLUDE_DIR)
