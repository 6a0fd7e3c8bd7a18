"""Kubernetes sources: manifest files and streams; `objects` maps any Kubernetes object onto the view."""
