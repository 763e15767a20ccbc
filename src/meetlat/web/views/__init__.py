"""The pages. Each view calls the use cases (meetlat.app) or the web's own modules and
renders a template; the rules live below."""
