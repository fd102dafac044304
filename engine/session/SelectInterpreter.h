#pragma once

#include "engine/catalog/Catalog.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "engine/sql/ASTNode.h"

namespace pipit
{

/// SELECT and EXPLAIN: plans the query over the catalog's tables, runs it, and streams the result
/// through the output format (the statement's FORMAT or the default one).
class SelectInterpreter
{
public:
    static void execute(const ASTPtr & query, Catalog & catalog, WriteBuffer & output, const StatementOptions & options);
};

} // namespace pipit
