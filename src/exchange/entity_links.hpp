#pragma once
// Which catalog entities articles are about, found in their text.
#include <string>

#include "core/content.hpp"

namespace kpress {

class Store;

// Finds again what every article is about, after the catalog changed; returns the number of
// articles that are about at least one entity.
int relink_articles(Store& store);

}  // namespace kpress
