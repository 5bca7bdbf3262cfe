package org.amtsgang.identity.internal;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.catalog.api.OfficeRegistry;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.StaffEnrolment;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.StaffAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/offices/{office}/staff}: an office lead manages the staff of their own office,
 * and only the roles in it; an operator may do so for any office.
 */
@Component(service = RestResource.class)
@StaffAccess(Role.OFFICE_LEAD)
@OperatorAccess
@Path("v1/offices/{office}/staff")
@Produces(MediaType.APPLICATION_JSON)
public final class StaffResource implements RestResource {

    private final StaffDirectory staff;
    private final OfficeRegistry offices;

    @Activate
    public StaffResource(@Reference StaffDirectory staff, @Reference OfficeRegistry offices) {
        this.staff = staff;
        this.offices = offices;
    }

    /** A new member of staff for this office. */
    record NewStaff(String email, String displayName, List<Role> roles) {}

    /** The roles someone holds in this office. */
    record Roles(List<Role> roles) {}

    @GET
    @ApiOperation(summary = "The office's staff")
    public List<AccountInfo> list(@PathParam("office") String office) {
        return staff.staffOf(known(office));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Create a member of staff: the answer holds the initial password and TOTP key, once",
            returns = StaffEnrolment.class)
    public Response create(@PathParam("office") String office, NewStaff body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        if (body == null) {
            throw ProblemException.badRequest("A JSON body is required.");
        }
        Set<OfficeRole> roles = roles(known(office), body.roles(), false);
        try {
            StaffEnrolment enrolment =
                    staff.create(body.email(), body.displayName(), PrincipalKind.STAFF, roles, caller.subject());
            return Response.status(201).entity(enrolment).build();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    @PUT
    @Path("{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(summary = "Set someone's roles in this office; their roles elsewhere stay")
    public AccountInfo setRoles(
            @PathParam("office") String office,
            @PathParam("id") String id,
            Roles body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        AccountInfo member = member(known(office), id, true);
        Set<OfficeRole> roles = new HashSet<>();
        member.officeRoles().stream().filter(r -> !r.officeId().equals(office)).forEach(roles::add);
        roles.addAll(roles(office, body == null ? null : body.roles(), true));
        if (member.id().equals(caller.subject())
                && !roles.contains(new OfficeRole(office, Role.OFFICE_LEAD))
                && caller.kind() != PrincipalKind.OPERATOR) {
            throw ProblemException.conflict(
                    "You cannot take your own lead role; ask another office lead or an operator.");
        }
        return staff.setRoles(member.id(), roles, caller.subject());
    }

    @POST
    @Path("{id}/disable")
    @ApiOperation(summary = "Disable a member of this office's staff: their sessions end at once")
    public AccountInfo disable(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        AccountInfo member = member(known(office), id, false);
        if (member.id().equals(caller.subject())) {
            throw ProblemException.conflict("You cannot disable your own account.");
        }
        return staff.disable(member.id(), caller.subject());
    }

    private AccountInfo member(String office, String id, boolean evenWithoutRole) {
        AccountInfo account = staff.byId(id)
                .filter(a -> a.kind() == PrincipalKind.STAFF)
                .orElseThrow(() -> ProblemException.notFound("There is no member of staff '" + id + "'."));
        boolean inOffice =
                account.officeRoles().stream().anyMatch(r -> r.officeId().equals(office));
        if (!inOffice && !evenWithoutRole) {
            // not theirs to know about: the same answer as for an unknown id
            throw ProblemException.notFound("There is no member of staff '" + id + "'.");
        }
        return account;
    }

    private String known(String office) {
        if (offices.office(office).isEmpty()) {
            throw ProblemException.notFound("There is no office '" + office + "'.");
        }
        return office;
    }

    /** The roles in this office; an empty list (when allowed) takes someone out of the office. */
    private static Set<OfficeRole> roles(String office, List<Role> roles, boolean mayBeEmpty) {
        if (roles == null || (roles.isEmpty() && !mayBeEmpty)) {
            throw ProblemException.badRequest("roles must name at least one of " + EnumSet.allOf(Role.class) + ".");
        }
        Set<OfficeRole> result = new HashSet<>();
        roles.forEach(r -> result.add(new OfficeRole(office, r)));
        return result;
    }
}
