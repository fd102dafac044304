#include "engine/planner/PlaceholderTableResolver.h"

namespace pipit
{

PlaceholderTableResolver::PlaceholderTableResolver(const ITableResolver & parent, std::string placeholder, StoragePtr storage,
                                                   std::string display_name)
    : parent_(parent)
    , placeholder_(std::move(placeholder))
    , storage_(std::move(storage))
    , display_name_(std::move(display_name))
{
}

ResolvedTable PlaceholderTableResolver::resolveTable(const std::string & database, const std::string & table) const
{
    if (!database.empty() || table != placeholder_)
        return parent_.resolveTable(database, table);
    ResolvedTable resolved;
    resolved.table = display_name_.empty() ? table : display_name_;
    resolved.storage = storage_;
    resolved.columns = storage_->getColumns();
    return resolved;
}

} // namespace pipit
