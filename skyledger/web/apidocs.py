"""The API reference page (``/docs``) from the app's own OpenAPI document: every route with
its parameters and responses, rendered by the server as plain HTML. It needs no script and
nothing from another host, so it works offline and under the pages' CSP; the machine-readable
document stays at ``/openapi.json``."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def _limits(schema: dict[str, Any]) -> str:
    parts = []
    for key, word in (
        ("minimum", "≥"),
        ("maximum", "≤"),
        ("minLength", "length ≥"),
        ("maxLength", "length ≤"),
    ):
        if key in schema:
            parts.append(f"{word} {schema[key]}")
    for option in schema.get("anyOf", []):
        found = _limits(option)
        if found:
            parts.append(found)
    return ", ".join(parts)


def _parameter(param: dict[str, Any]) -> dict[str, Any]:
    schema = param.get("schema", {})
    return {
        "name": param.get("name", ""),
        "where": param.get("in", ""),
        "required": bool(param.get("required")),
        "type": _type(schema),
        "limits": _limits(schema),
        "default": schema.get("default"),
        "description": param.get("description") or schema.get("description") or "",
    }


def _body(operation: dict[str, Any], schemas: dict[str, Any]) -> list[dict[str, Any]]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = str(schema.get("$ref", "")).rsplit("/", 1)[-1]
    found = schemas.get(ref, {})
    required = set(found.get("required", []))
    return [
        {
            "name": name,
            "where": "body",
            "required": name in required,
            "type": _type(prop),
            "limits": _limits(prop),
            "default": prop.get("default"),
            "description": prop.get("description", ""),
        }
        for name, prop in found.get("properties", {}).items()
    ]


def reference(openapi: dict[str, Any]) -> dict[str, Any]:
    """What the page shows: the API's title and version, and each operation."""
    schemas = openapi.get("components", {}).get("schemas", {})
    operations = []
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            params = [_parameter(p) for p in operation.get("parameters", [])]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-{path}".replace("/", "-").strip("-"),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": params + _body(operation, schemas),
                    "responses": {
                        code: r.get("description", "")
                        for code, r in operation.get("responses", {}).items()
                    },
                }
            )
    info = openapi.get("info", {})
    return {
        "title": info.get("title", ""),
        "version": info.get("version", ""),
        "description": info.get("description", ""),
        "operations": operations,
    }
