from odoo.tests import tagged

from .common import CtxhTourCase


@tagged("post_install", "-at_install", "ctxh_tour")
class TestAdmissionTour(CtxhTourCase):
    def test_new_person_admitted_into_a_bed(self):
        """In the browser, from Residents > Admissions: a social worker registers a new man from the request and
        submits it with its dossier, the director approves it from "To Decide", and the social worker admits him
        into a bed of a men's room (a free bed of a women's room is not offered)."""
        social_worker = self.env.ref("ctxh_residents.user_ctxh_social_worker")
        director = self.env.ref("ctxh_residents.user_ctxh_director")
        facility = social_worker.company_id
        # a free bed he may not use: the demo facility's women's rooms are full, so the filter would go untested
        women_room = self.env["ctxh.room"].create({
            "name": "B203", "building": "Khu B", "gender": "female", "company_id": facility.id,
            "bed_ids": [(0, 0, {"name": "Giường 1"})],
        })
        bed = self.env["ctxh.bed"].search([("room_id.name", "=", "A103"), ("name", "=", "Giường 3"),
                                           ("company_id", "=", facility.id)])
        self.assertEqual((bed.state, bed.room_id.gender, women_room.bed_ids.state), ("free", "male", "free"))
        Admission = self.env["ctxh.admission"]

        self.start_tour("/odoo", "ctxh_admission_request_tour", login=social_worker.login)
        admission = Admission.search([("resident_id.name", "=", "Vi Văn Thắng")])
        self.assertEqual(len(admission), 1)
        person = admission.resident_id
        self.assertEqual((person.gender, person.company_id, person.state), ("male", facility, "applicant"))
        self.assertEqual(admission.admission_type_id, self.env.ref("ctxh_residents.admission_type_regular"))
        self.assertEqual((admission.state, admission.case_worker_id), ("submitted", social_worker))
        self.assertTrue(admission.document_line_ids)
        self.assertEqual(admission.missing_document_count, 0)

        self.start_tour("/odoo", "ctxh_admission_decide_tour", login=director.login)
        self.env.invalidate_all()
        self.assertEqual((admission.state, admission.decision_signer_id), ("approved", director))
        self.assertTrue(admission.decision_number)
        self.assertFalse(admission.stay_id)

        self.start_tour("/odoo", "ctxh_admission_admit_tour", login=social_worker.login)
        self.env.invalidate_all()
        self.assertEqual(admission.state, "admitted")
        stay = admission.stay_id
        self.assertEqual((stay.resident_id, stay.state, stay.bed_id), (person, "active", bed))
        self.assertEqual(stay.bed_assignment_ids.bed_id, bed)
        self.assertEqual((bed.state, bed.resident_id), ("occupied", person))
        self.assertEqual(women_room.bed_ids.state, "free")
        self.assertEqual(person.state, "in_care")
