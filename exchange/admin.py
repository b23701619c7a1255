from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy

# Each user sees, replaces and revokes their own API token on the "Akses API" page; an administrator who must cut
# an account off deactivates it, which stops its token too (TokenAuthentication refuses inactive users). Keeping
# tokens out of the admin keeps their keys out of another person's sight.
admin.site.unregister(TokenProxy)
