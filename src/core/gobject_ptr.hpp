#pragma once
// Owns one reference to a GObject (GMime's streams, parsers, messages and parts): released when
// the pointer goes. Header only: the libraries that use GMime bring GLib's headers.
#include <glib-object.h>

#include <memory>

namespace kpress {

template <typename T>
struct GObjectDeleter {
  void operator()(T* object) const { g_object_unref(object); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectDeleter<T>>;

}  // namespace kpress
