#pragma once

#include "engine/planner/ITableResolver.h"

#include <string>

namespace pipit
{

/// The resolver of a rewritten query (JOIN, ARRAY JOIN, window functions are planned as a read of an intermediate
/// table): the unqualified name `placeholder` resolves to `storage`, reported as `display_name` (the placeholder
/// itself when empty); every other name goes to `parent`, which must outlive this resolver.
class PlaceholderTableResolver final : public ITableResolver
{
public:
    PlaceholderTableResolver(const ITableResolver & parent, std::string placeholder, StoragePtr storage, std::string display_name = {});

    ResolvedTable resolveTable(const std::string & database, const std::string & table) const override;

private:
    const ITableResolver & parent_;
    std::string placeholder_;
    StoragePtr storage_;
    std::string display_name_;
};

} // namespace pipit
