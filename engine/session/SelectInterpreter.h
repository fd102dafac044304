#pragma once

#include "engine/catalog/Catalog.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "engine/sql/ASTNode.h"

#include <functional>

namespace pipit
{

/// SELECT and EXPLAIN: plans the query over the catalog's tables, runs it, and streams the result
/// through the output format (the statement's FORMAT or the default one).
class SelectInterpreter
{
public:
    static void execute(const ASTPtr & query, Catalog & catalog, WriteBuffer & output, const StatementOptions & options);

    /// Runs a SELECT (no output format) under the same limits (memory, time, row filters) and hands its header,
    /// then each result block, to the callbacks (INSERT ... SELECT).
    static void executeToBlocks(const ASTPtr & query, Catalog & catalog, const StatementOptions & options,
                                const std::function<void(const Block &)> & on_header, const std::function<void(const Block &)> & on_block);
};

} // namespace pipit
