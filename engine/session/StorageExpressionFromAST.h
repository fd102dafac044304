#pragma once

#include "engine/sql/ASTNode.h"
#include "engine/storage/IStorage.h"

namespace pipit
{

/// Compiles an expression over a table's columns (sort key element, partition key, TTL, DEFAULT,
/// ALTER DELETE predicate) into the IStorageExpression that storage evaluates. Throws the binder's
/// errors (UNKNOWN_IDENTIFIER, UNKNOWN_FUNCTION, ILLEGAL_TYPE_OF_ARGUMENT, ...).
StorageExpressionPtr compileStorageExpression(const ASTPtr & expression, const Block & table_header);

} // namespace pipit
