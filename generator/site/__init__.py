"""The MkDocs glue: the plugin, the paragraph fast path, the live preview and the build stamp."""
